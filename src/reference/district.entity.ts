import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

@Entity({ name: 'provinces' })
export class ProvinceEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: 'province' | 'comarca';
}

@Entity({ name: 'districts' })
export class DistrictEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'province_code', type: 'text' }) provinceCode: string;

  @ManyToOne(() => ProvinceEntity, { eager: false })
  @JoinColumn({ name: 'province_code', referencedColumnName: 'code' })
  province?: ProvinceEntity;
}
